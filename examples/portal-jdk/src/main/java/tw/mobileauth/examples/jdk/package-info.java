/**
 * The demo portal on the JDK's own {@code com.sun.net.httpserver}: {@link tw.mobileauth.examples.jdk.PortalJdk}
 * wires the SDK on store-jdbc (an H2 file by default, PostgreSQL by JDBC URL), keeps the demo's keys and
 * development CA in its data directory, and serves {@link tw.mobileauth.examples.web.DemoPortal}.
 */
package tw.mobileauth.examples.jdk;
