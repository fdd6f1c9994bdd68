package tw.mobileauth.login;

import java.time.LocalDate;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;

/** Synthetic people: checksum-valid (made-up) IDs, dates and names. */
final class TestPeople {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final String[] SURNAMES = {"林", "陳", "黃", "張", "李", "王", "吳", "劉"};
    private static final String[] GIVEN = {"怡君", "志明", "淑芬", "家豪", "雅婷", "俊傑", "美玲", "峯銘"};

    private TestPeople() {
    }

    /** A person at a test index: distinct IDs for distinct {@code n}. */
    static Person person(int n) {
        String digits = String.format("%07d", 3_000_000 + n);
        String id = withCheckDigit("T2" + digits);
        return new Person(id, LocalDate.of(1960 + n % 40, 1 + n % 12, 1 + n % 28).toString(),
                SURNAMES[n % SURNAMES.length] + GIVEN[(n / SURNAMES.length) % GIVEN.length], "Lantern-Kiwi-" + n + "!");
    }

    /** {@code prefix} is a letter and 8 digits; appends the check digit. */
    static String withCheckDigit(String prefix) {
        int code = LETTERS.indexOf(prefix.charAt(0)) + 10;
        int sum = code / 10 + (code % 10) * 9;
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 1};
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(prefix.charAt(i + 1), 10) * weights[i];
        }
        return prefix + ((10 - sum % 10) % 10);
    }

    /** A person's four login fields, as they would type them. */
    record Person(String nationalId, String birthDate, String name, String password) {

        NationalId parsedId() {
            try {
                return NationalId.parse(nationalId);
            } catch (InvalidInputException e) {
                throw new AssertionError(e);
            }
        }

        BirthDate parsedBirthDate() {
            try {
                return BirthDate.parse(birthDate);
            } catch (InvalidInputException e) {
                throw new AssertionError(e);
            }
        }

        PersonName parsedName() {
            try {
                return PersonName.of(name);
            } catch (InvalidInputException e) {
                throw new AssertionError(e);
            }
        }

        Person withNationalId(String typed) {
            return new Person(typed, birthDate, name, password);
        }

        Person withBirthDate(String typed) {
            return new Person(nationalId, typed, name, password);
        }

        Person withName(String typed) {
            return new Person(nationalId, birthDate, typed, password);
        }

        Person withPassword(String typed) {
            return new Person(nationalId, birthDate, name, typed);
        }

        /** Masked, like the identity types. */
        @Override
        public String toString() {
            return "Person[" + nationalId.substring(0, 3) + "****" + "]";
        }
    }
}
