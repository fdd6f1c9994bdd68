package tw.mobileauth.carrier.fet;

import tw.mobileauth.carrier.camara.CamaraAdapterFactory;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.spi.CarrierConfig;

/** FarEasTone (遠傳電信), id {@code fet}, order 30. Registered for {@link java.util.ServiceLoader}. */
public final class FetAdapterFactory extends CamaraAdapterFactory {

    /** For {@link java.util.ServiceLoader}. */
    public FetAdapterFactory() {
        super(FetProfile.ID, "遠傳電信", "FarEasTone", 30);
    }

    @Override
    protected CamaraProfile profile(CarrierConfig config) {
        return new FetProfile(new AttributeCache(config.clock(), AttributeCache.TTL));
    }
}
