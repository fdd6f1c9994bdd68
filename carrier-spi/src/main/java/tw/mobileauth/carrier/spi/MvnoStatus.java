package tw.mobileauth.carrier.spi;

/** Whether the line belongs to a virtual operator (MVNO) hosted on this carrier. */
public enum MvnoStatus {
    YES,
    NO,
    UNKNOWN
}
