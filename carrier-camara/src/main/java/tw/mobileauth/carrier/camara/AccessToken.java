package tw.mobileauth.carrier.camara;

import java.time.Instant;

/** A bearer token and when to stop using it. {@link #toString()} hides the token. */
record AccessToken(String value, Instant refreshAt) {

    @Override
    public String toString() {
        return "AccessToken[refreshAt=" + refreshAt + ", value hidden]";
    }
}
