package tw.mobileauth.carrier.fet;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;

/** The shared conformance kit, run against the fet adapter and the fake fet network. */
class FetConformanceTest extends CarrierConformanceKit {

    @Override
    protected CarrierAdapterFactory factory() {
        return new FetAdapterFactory();
    }
}
