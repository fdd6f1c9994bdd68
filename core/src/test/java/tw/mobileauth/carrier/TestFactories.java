package tw.mobileauth.carrier;

import java.util.Locale;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;

/** Factories that exist only to exercise the registry's rules; they create no adapters. */
final class TestFactories {
    private TestFactories() {
    }

    /** Claims the id {@code cht}, as a second jar shipping a CHT adapter would. */
    public static final class DuplicateChtFactory implements CarrierAdapterFactory {
        @Override
        public String id() {
            return "cht";
        }

        @Override
        public String displayName(Locale locale) {
            return "Duplicate CHT";
        }

        @Override
        public int order() {
            return 99;
        }

        @Override
        public boolean isSupported(CarrierConfig config) {
            return false;
        }

        @Override
        public CarrierAdapter create(CarrierConfig config) {
            throw new IllegalArgumentException("test factory creates no adapters");
        }
    }

    /** A well-formed extra carrier, sorting first. */
    public static final class ExampleFactory implements CarrierAdapterFactory {
        @Override
        public String id() {
            return "example";
        }

        @Override
        public String displayName(Locale locale) {
            return "en".equals(locale.getLanguage()) ? "Example Telecom" : "範例電信";
        }

        @Override
        public int order() {
            return 1;
        }

        @Override
        public boolean isSupported(CarrierConfig config) {
            return false;
        }

        @Override
        public CarrierAdapter create(CarrierConfig config) {
            throw new IllegalArgumentException("test factory creates no adapters");
        }
    }
}
