package tw.mobileauth.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.SubscriberFixture;

/**
 * {@code n} synthetic, eligible subscribers for the load: each a copy of a carrier's built-in
 * {@link Scenario#ELIGIBLE} subscriber with its own number (+886 955 xxx xxx) and its own
 * checksum-valid national ID, spread over the three carriers. The built-in fixture has one eligible
 * person per carrier, and a person's new enrolment revokes their earlier credential, so 64
 * concurrent people need a fixture of their own.
 */
public final class People {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

    private People() {
    }

    /**
     * The fixture of {@code n} synthetic people.
     *
     * @param n how many, 1 to 999,999
     * @return the fixture, the carriers taken in turn
     */
    public static SubscriberFixture fixture(int n) {
        if (n < 1 || n > 999_999) {
            throw new IllegalArgumentException("people must be 1..999999, was " + n);
        }
        SubscriberFixture builtIn = SubscriberFixture.builtIn();
        List<String> carriers = FakeCarrierNetworks.carrierIds();
        SubscriberFixture.Builder b = SubscriberFixture.builder();
        for (Subscriber s : all(builtIn, carriers, n)) {
            b.add(s);
        }
        return b.build();
    }

    private static List<Subscriber> all(SubscriberFixture builtIn, List<String> carriers, int n) {
        List<Subscriber> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Subscriber t = builtIn.find(carriers.get(i % carriers.size()), Scenario.ELIGIBLE);
            out.add(new Subscriber(Msisdn.of(String.format("+886955%06d", i)), t.carrierId(), nationalId('M', 2, i),
                    t.holderIdType(), t.name(), t.birthDate(), t.contractType(), t.holderType(), t.lineRole(), t.mvnoBrand(),
                    t.lastSimChange(), false, Scenario.ELIGIBLE));
        }
        return out;
    }

    /** A checksum-valid national ID: {@code letter}, {@code sex} (1 or 2), 7 digits of {@code serial}, the check digit. */
    static String nationalId(char letter, int sex, int serial) {
        String body = letter + Integer.toString(sex) + String.format("%07d", serial);
        int code = LETTERS.indexOf(letter) + 10;
        int sum = code / 10 + (code % 10) * 9;
        for (int i = 1; i <= 8; i++) {
            sum += (body.charAt(i) - '0') * (9 - i);
        }
        return body + (10 - sum % 10) % 10;
    }
}
