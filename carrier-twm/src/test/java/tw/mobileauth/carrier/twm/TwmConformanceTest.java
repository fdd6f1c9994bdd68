package tw.mobileauth.carrier.twm;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;

/** The shared conformance kit, run against the twm adapter and the fake twm network. */
class TwmConformanceTest extends CarrierConformanceKit {

    @Override
    protected CarrierAdapterFactory factory() {
        return new TwmAdapterFactory();
    }
}
