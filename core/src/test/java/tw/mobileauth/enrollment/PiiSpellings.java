package tw.mobileauth.enrollment;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import tw.mobileauth.carrier.testkit.Subscriber;

/** A subscriber's identifiers in the spellings a leak could take. */
final class PiiSpellings {

    private PiiSpellings() {
    }

    static Set<String> of(Subscriber s) {
        Set<String> out = new LinkedHashSet<>();
        String e164 = s.msisdn().e164();
        String national = "0" + e164.substring(4);
        out.add(s.holderId());
        out.add(s.holderId().toLowerCase());
        out.add(s.name());
        out.add(e164);
        out.add(e164.substring(1));
        out.add(national);
        out.add(national.substring(0, 4) + "-" + national.substring(4, 7) + "-" + national.substring(7));
        out.add(s.birthDate().toString());
        out.add(s.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE));
        out.add(s.birthDate().format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
        int roc = s.birthDate().getYear() - 1911;
        out.add(roc + "/" + String.format("%02d/%02d", s.birthDate().getMonthValue(), s.birthDate().getDayOfMonth()));
        out.add(Harness.NHI);
        return out;
    }
}
