package tw.mobileauth.carrier.testkit;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;

/** The conformance kit can be passed on the fet profile: a plain reference adapter passes every rule. */
class FetReferenceAdapterConformanceTest extends CarrierConformanceKit {
    @Override
    protected CarrierAdapterFactory factory() {
        return new ReferenceAdapter.Factory("fet");
    }
}
