package tw.mobileauth.carrier.testkit;

import tw.mobileauth.carrier.spi.CarrierAdapterFactory;

/** The conformance kit can be passed on the twm profile: a plain reference adapter passes every rule. */
class TwmReferenceAdapterConformanceTest extends CarrierConformanceKit {
    @Override
    protected CarrierAdapterFactory factory() {
        return new ReferenceAdapter.Factory("twm");
    }
}
