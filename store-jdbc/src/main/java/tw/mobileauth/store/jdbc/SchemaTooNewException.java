package tw.mobileauth.store.jdbc;

/**
 * The database's MobileAuth schema is newer than this SDK knows: a newer SDK already migrated it
 * (say, during a rolling upgrade that was rolled back). Writing to it with older code could lose
 * data, so the stores refuse. Deploy the SDK version that migrated it (or newer).
 */
public final class SchemaTooNewException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The database's schema version. */
    private final String databaseVersion;
    /** The newest schema version this code knows. */
    private final String codeVersion;

    SchemaTooNewException(String databaseVersion, String codeVersion) {
        super("the database's MobileAuth schema is at version " + databaseVersion + " (table "
                + JdbcStores.HISTORY_TABLE + "), newer than version " + codeVersion
                + " that this SDK knows; run the SDK version that migrated it, or a newer one."
                + " 資料庫的 MobileAuth 結構版本 " + databaseVersion + " 比本 SDK 支援的 " + codeVersion
                + " 新，請部署相符或更新的 SDK 版本。");
        this.databaseVersion = databaseVersion;
        this.codeVersion = codeVersion;
    }

    /** {@return the highest schema version applied to the database} */
    public String databaseVersion() {
        return databaseVersion;
    }

    /** {@return the highest schema version this SDK ships} */
    public String codeVersion() {
        return codeVersion;
    }
}
