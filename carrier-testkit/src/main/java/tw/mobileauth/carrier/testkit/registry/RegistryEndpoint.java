package tw.mobileauth.carrier.testkit.registry;

/** The endpoints of the fake registry, for fault injection and the request log. */
public enum RegistryEndpoint {
    /** {@code POST /nhi/v1/card-checks}: the card check of the NHI reference profile. */
    CARD_CHECKS("POST", "/nhi/v1/card-checks"),
    /** Any other path: answered {@code 404 NOT_FOUND}. Only ever seen in the request log. */
    OTHER("", "");

    private final String method;
    private final String path;

    RegistryEndpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** {@return the HTTP method; empty for {@link #OTHER}} */
    public String method() {
        return method;
    }

    /** {@return the path below the registry's base URI; empty for {@link #OTHER}} */
    public String path() {
        return path;
    }

    /** {@return the endpoints a fault can be injected into: every one but {@link #OTHER}} */
    public static RegistryEndpoint[] served() {
        return new RegistryEndpoint[] {CARD_CHECKS};
    }

    static RegistryEndpoint resolve(String rawPath) {
        for (RegistryEndpoint e : served()) {
            if (e.path.equals(rawPath)) {
                return e;
            }
        }
        return OTHER;
    }
}
