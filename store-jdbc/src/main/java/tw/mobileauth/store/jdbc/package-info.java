/**
 * The store SPI on JDBC: {@link tw.mobileauth.store.jdbc.JdbcStores} gives the four stores on a
 * PostgreSQL or H2 {@link javax.sql.DataSource} and applies the SDK's Flyway migrations
 * ({@code classpath:db/mobileauth}, history table {@code mobileauth_schema_history}). Every atomic
 * operation is one SQL statement; docs/store-operations.md lists them and the dialect split.
 */
package tw.mobileauth.store.jdbc;
