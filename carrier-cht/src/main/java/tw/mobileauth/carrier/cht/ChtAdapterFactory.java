package tw.mobileauth.carrier.cht;

import tw.mobileauth.carrier.camara.CamaraAdapterFactory;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.spi.CarrierConfig;

/**
 * Chunghwa Telecom (中華電信), id {@code cht}, order 10. Registered for {@link java.util.ServiceLoader}.
 *
 * <p>Optional {@link CarrierConfig#property(String) property} {@code tenure-date} (ISO date, e.g.
 * {@code 2020-01-01}): the {@code tenureDate} sent to KYC Tenure, which CHT needs in order to
 * report the contract type. Default: today (UTC) at each call, which never lies in the future.
 */
public final class ChtAdapterFactory extends CamaraAdapterFactory {

    /** For {@link java.util.ServiceLoader}. */
    public ChtAdapterFactory() {
        super(ChtProfile.ID, "中華電信", "Chunghwa Telecom", 10);
    }

    /** @throws IllegalArgumentException if {@code tenure-date} is set but not an ISO date */
    @Override
    protected CamaraProfile profile(CarrierConfig config) {
        return new ChtProfile(config);
    }
}
