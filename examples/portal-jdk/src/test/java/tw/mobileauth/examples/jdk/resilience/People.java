package tw.mobileauth.examples.jdk.resilience;

import java.util.ArrayList;
import java.util.List;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.SubscriberFixture;

/**
 * Synthetic, eligible people for the fake networks: each a copy of a carrier's built-in
 * {@link Scenario#ELIGIBLE} subscriber with its own number (+886 966 xxx xxx) and its own
 * checksum-valid national ID, so that every enrolment of a test is a different person (a person's
 * new enrolment would revoke their earlier credential, and the counts per person would blur).
 */
final class People {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

    private final List<Subscriber> people;
    private final SubscriberFixture fixture;

    /** {@code n} people, the i-th with carrier {@code carriers.get(i % size)}. */
    People(int n, List<String> carriers) {
        SubscriberFixture builtIn = SubscriberFixture.builtIn();
        List<Subscriber> out = new ArrayList<>(n);
        SubscriberFixture.Builder b = SubscriberFixture.builder(builtIn);
        for (int i = 0; i < n; i++) {
            Subscriber t = builtIn.find(carriers.get(i % carriers.size()), Scenario.ELIGIBLE);
            Subscriber s = new Subscriber(Msisdn.of(String.format("+886966%06d", i)), t.carrierId(), nationalId('Q', 2, i),
                    t.holderIdType(), t.name(), t.birthDate(), t.contractType(), t.holderType(), t.lineRole(), t.mvnoBrand(),
                    t.lastSimChange(), false, Scenario.ELIGIBLE);
            out.add(s);
            b.add(s);
        }
        this.people = List.copyOf(out);
        this.fixture = b.build();
    }

    SubscriberFixture fixture() {
        return fixture;
    }

    Subscriber get(int i) {
        return people.get(i);
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
