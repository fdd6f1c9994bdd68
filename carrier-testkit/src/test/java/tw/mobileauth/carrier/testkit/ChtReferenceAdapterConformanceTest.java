package tw.mobileauth.carrier.testkit;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;

/** The conformance kit can be passed on the cht profile: a plain reference adapter passes every rule. */
class ChtReferenceAdapterConformanceTest extends CarrierConformanceKit {
    @Override
    protected CarrierAdapterFactory factory() {
        return new ReferenceAdapter.Factory("cht");
    }
}
