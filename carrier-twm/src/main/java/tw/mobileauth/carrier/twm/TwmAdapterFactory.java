package tw.mobileauth.carrier.twm;

import tw.mobileauth.carrier.camara.CamaraAdapterFactory;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.spi.CarrierConfig;

/** Taiwan Mobile (台灣大哥大), id {@code twm}, order 20. Registered for {@link java.util.ServiceLoader}. */
public final class TwmAdapterFactory extends CamaraAdapterFactory {

    /** For {@link java.util.ServiceLoader}. */
    public TwmAdapterFactory() {
        super(TwmProfile.ID, "台灣大哥大", "Taiwan Mobile", 20);
    }

    @Override
    protected CamaraProfile profile(CarrierConfig config) {
        return new TwmProfile();
    }
}
