package tw.mobileauth.carrier.testkit;

/** Thrown inside a handler to answer a CAMARA ErrorInfo; never leaves the package. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    Reply reply() {
        return Reply.error(status, code, getMessage());
    }
}
