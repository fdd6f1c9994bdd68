package tw.mobileauth.carrier.spi;

/** Whether the line belongs to a virtual operator (MVNO) hosted on this carrier. */
public enum MvnoStatus {
    /** The line is on a virtual network operator (MVNO). */
    YES,
    /** The line is on the carrier's own network, not an MVNO. */
    NO,
    /** The carrier did not say whether the line is on an MVNO. */
    UNKNOWN
}
