package tw.mobileauth.carrier.testkit;

/**
 * The endpoints of the fake networks, for fault injection and the request log. Paths are below
 * the carrier's base URI ({@link FakeCarrierNetworks#baseUri(String)}), exactly as
 * docs/carrier-contract.md writes them: CHT's line profile is {@code {base}/cht/line-profile/v1/retrieve},
 * i.e. {@code …/cht/cht/line-profile/v1/retrieve}, and served nowhere else.
 */
public enum Endpoint {
    /** {@code GET /oauth2/authorize} (and the simulated-network page's {@code POST /simulated-network/connect}). */
    AUTHORIZE("GET", "/oauth2/authorize", ""),
    /** {@code POST /oauth2/token}: authorization code and client credentials grants. */
    TOKEN("POST", "/oauth2/token", ""),
    /** {@code GET /.well-known/openid-configuration}: the OpenID Connect discovery document. */
    DISCOVERY("GET", "/.well-known/openid-configuration", ""),
    /** {@code GET /oauth2/jwks?generation=N}: the ID-token keys (the discovery document's {@code jwks_uri}). */
    JWKS("GET", "/oauth2/jwks", ""),
    /** {@code POST /number-verification/v2/verify} (3-legged). */
    NUMBER_VERIFY("POST", "/number-verification/v2/verify", "number-verification:verify"),
    /** {@code POST /device-roaming-status/v1/retrieve} (3-legged). */
    ROAMING_STATUS("POST", "/device-roaming-status/v1/retrieve", "device-roaming-status:read"),
    /** {@code POST /connected-network-type/v0.1/retrieve} (3-legged). */
    NETWORK_TYPE("POST", "/connected-network-type/v0.1/retrieve", "connected-network-type:read"),
    /** {@code POST /kyc-match/v0.4/match} (2-legged). */
    KYC_MATCH("POST", "/kyc-match/v0.4/match", "kyc-match:match"),
    /** {@code POST /kyc-tenure/v0.2/check-tenure} (2-legged, CHT only). */
    KYC_TENURE("POST", "/kyc-tenure/v0.2/check-tenure", "kyc-tenure:check-tenure"),
    /** {@code POST /sim-swap/v2/retrieve-date} (2-legged, CHT and FET). */
    SIM_SWAP_DATE("POST", "/sim-swap/v2/retrieve-date", "sim-swap:retrieve-date"),
    /** {@code POST /sim-swap/v2/check} (2-legged, every carrier; TWM's only SIM swap API). */
    SIM_SWAP_CHECK("POST", "/sim-swap/v2/check", "sim-swap:check"),
    /** {@code POST /cht/line-profile/v1/retrieve} (2-legged, CHT only). */
    CHT_LINE_PROFILE("POST", "/cht/line-profile/v1/retrieve", "cht-line-profile:retrieve"),
    /** {@code POST /twm/subscription/v1/query} (2-legged, TWM only). */
    TWM_SUBSCRIPTION("POST", "/twm/subscription/v1/query", "twm-subscription:query"),
    /** Any other path: answered {@code 404 NOT_FOUND}. Only ever seen in the request log. */
    OTHER("", "", "");

    private final String method;
    private final String path;
    private final String scope;

    Endpoint(String method, String path, String scope) {
        this.method = method;
        this.path = path;
        this.scope = scope;
    }

    /** {@return the HTTP method, e.g. {@code POST}; empty for {@link #OTHER}} */
    public String method() {
        return method;
    }

    /** {@return the path below the carrier's base URI, e.g. {@code /kyc-match/v0.4/match}; empty for {@link #OTHER}} */
    public String path() {
        return path;
    }

    /**
     * {@return the OAuth scope a token needs to call this endpoint; empty for the OAuth endpoints and {@link #OTHER}}
     */
    public String scope() {
        return scope;
    }

    /**
     * {@return the operationId of the official CAMARA definition (or of the carrier's extension document)
     * this endpoint serves, e.g. {@code phoneNumberVerify}; empty for the authorization server's
     * endpoints, which the definitions do not cover, and for {@link #OTHER}}
     */
    public String operationId() {
        switch (this) {
            case NUMBER_VERIFY: return "phoneNumberVerify";
            case ROAMING_STATUS: return "getRoamingStatus";
            case NETWORK_TYPE: return "getConnectedNetworkType";
            case KYC_MATCH: return "KYC_Match";
            case KYC_TENURE: return "checkTenure";
            case SIM_SWAP_DATE: return "retrieveSimSwapDate";
            case SIM_SWAP_CHECK: return "checkSimSwap";
            case CHT_LINE_PROFILE: return "chtLineProfileRetrieve";
            case TWM_SUBSCRIPTION: return "twmSubscriptionQuery";
            default: return "";
        }
    }

    /** {@return whether the endpoint belongs to the authorization server rather than to the APIs} */
    public boolean isAuthorizationServer() {
        return this == AUTHORIZE || this == TOKEN || this == DISCOVERY || this == JWKS;
    }

    /** {@return whether the endpoint needs the 3-legged token of a number verification} */
    public boolean isThreeLegged() {
        return this == NUMBER_VERIFY || this == ROAMING_STATUS || this == NETWORK_TYPE;
    }

    /**
     * {@return whether {@code carrierId}'s profile offers this endpoint ({@link #OTHER}: never)}
     *
     * @param carrierId the carrier id
     */
    public boolean servedBy(String carrierId) {
        if (!Profiles.isKnown(carrierId)) {
            return false;
        }
        switch (this) {
            case KYC_TENURE:
            case CHT_LINE_PROFILE:
                return carrierId.equals("cht");
            case TWM_SUBSCRIPTION:
                return carrierId.equals("twm");
            case SIM_SWAP_DATE:
                return !carrierId.equals("twm");
            case OTHER:
                return false;
            default:
                return true;
        }
    }
}
