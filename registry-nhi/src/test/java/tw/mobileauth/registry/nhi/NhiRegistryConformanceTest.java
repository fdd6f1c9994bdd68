package tw.mobileauth.registry.nhi;

import tw.mobileauth.carrier.testkit.registry.RegistryConformanceKit;
import tw.mobileauth.registry.spi.IdentityRegistryFactory;

/** The reference adapter passes the registry conformance kit, every fault on every endpoint included. */
class NhiRegistryConformanceTest extends RegistryConformanceKit {

    @Override
    protected IdentityRegistryFactory factory() {
        return new NhiRegistryFactory();
    }
}
