package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Edges the other enrolment tests leave open (issue 15, mutation testing): the binding policy's
 * range at both ends, and that keeping one is replacing all.
 */
class EnrollmentEdgesTest {

    @Test
    void keepLatestIsOneToTenAndOneMeansReplaceAll() {
        assertSame(BindingPolicy.replaceAll(), BindingPolicy.keepLatest(1));
        assertEquals(1, BindingPolicy.replaceAll().keep());
        assertEquals(2, BindingPolicy.keepLatest(2).keep());
        assertEquals(10, BindingPolicy.keepLatest(10).keep());
        assertEquals("KEEP_LATEST(10)", BindingPolicy.keepLatest(10).toString());
        assertEquals("REPLACE_ALL", BindingPolicy.keepLatest(1).toString());
        assertThrows(IllegalArgumentException.class, () -> BindingPolicy.keepLatest(0));
        assertThrows(IllegalArgumentException.class, () -> BindingPolicy.keepLatest(11));
    }
}
