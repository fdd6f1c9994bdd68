package tw.mobileauth.enrollment;

/**
 * What a successful enrolment does to the person's earlier credentials (docs/journey.md). Every
 * enrolment (first time, forgotten password, new browser, new phone) binds one new credential.
 *
 * <ul>
 *   <li>{@link #replaceAll()} (the default): every earlier credential is revoked, so only the
 *       newest device and browser can log in.</li>
 *   <li>{@link #keepLatest(int)}: at most {@code n} active credentials; the oldest are revoked.
 *       {@code keepLatest(2)} lets a person use, say, a desktop and a laptop.</li>
 * </ul>
 */
public final class BindingPolicy {

    private static final BindingPolicy REPLACE_ALL = new BindingPolicy(1, "REPLACE_ALL");

    private final int keep;
    private final String name;

    private BindingPolicy(int keep, String name) {
        this.keep = keep;
        this.name = name;
    }

    /**
     * Revoke every earlier credential (the default).
     *
     * @return the binding policy
     */
    public static BindingPolicy replaceAll() {
        return REPLACE_ALL;
    }

    /**
     * Keep at most {@code n} active credentials, the newest ones.
     *
     * @param n the n value
     * @return the binding policy
     * @throws IllegalArgumentException unless {@code 1 <= n <= 10}
     */
    public static BindingPolicy keepLatest(int n) {
        if (n < 1 || n > 10) {
            throw new IllegalArgumentException("keepLatest(n) needs 1 <= n <= 10, was " + n);
        }
        return n == 1 ? REPLACE_ALL : new BindingPolicy(n, "KEEP_LATEST(" + n + ")");
    }

    /** {@return how many active credentials survive an enrolment, the new one included} */
    public int keep() {
        return keep;
    }

    /** {@code REPLACE_ALL} or {@code KEEP_LATEST(n)}. */
    @Override
    public String toString() {
        return name;
    }
}
