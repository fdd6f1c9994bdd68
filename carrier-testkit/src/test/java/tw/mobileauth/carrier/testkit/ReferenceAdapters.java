package tw.mobileauth.carrier.testkit;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;

/** Access to the test-only reference adapter from other test packages. */
public final class ReferenceAdapters {

    private ReferenceAdapters() {
    }

    /** The reference adapter's factory for {@code profile} ({@code cht}, {@code twm} or {@code fet}). */
    public static CarrierAdapterFactory factory(String profile) {
        return new ReferenceAdapter.Factory(profile);
    }
}
