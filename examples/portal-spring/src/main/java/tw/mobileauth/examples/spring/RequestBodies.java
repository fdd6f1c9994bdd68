package tw.mobileauth.examples.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body with a size limit, so no client makes the portal buffer more than it needs. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body of {@code request}, at most {@code limit} bytes.
     *
     * @throws TooLargeException if the body (or its declared length) is larger
     */
    public static byte[] read(HttpServletRequest request, int limit) throws IOException, TooLargeException {
        if (request.getContentLengthLong() > limit) {
            throw new TooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new TooLargeException(limit);
            }
            return body;
        }
    }

    /** The body is larger than the limit. */
    public static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int limit;

        TooLargeException(int limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit, in bytes. */
        public int limit() {
            return limit;
        }
    }
}
