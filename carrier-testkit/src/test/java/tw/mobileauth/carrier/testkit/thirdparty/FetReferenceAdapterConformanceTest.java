package tw.mobileauth.carrier.testkit.thirdparty;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;
import tw.mobileauth.carrier.testkit.ReferenceAdapters;

/**
 * The conformance kit can be passed on the fet profile, and works from another package: this is
 * how an adapter module's test (in its own package) extends the kit.
 */
class FetReferenceAdapterConformanceTest extends CarrierConformanceKit {
    @Override
    protected CarrierAdapterFactory factory() {
        return ReferenceAdapters.factory("fet");
    }
}
