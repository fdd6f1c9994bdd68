package tw.mobileauth.carrier.cht;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;

/** The shared conformance kit, run against the cht adapter and the fake cht network. */
class ChtConformanceTest extends CarrierConformanceKit {

    @Override
    protected CarrierAdapterFactory factory() {
        return new ChtAdapterFactory();
    }
}
