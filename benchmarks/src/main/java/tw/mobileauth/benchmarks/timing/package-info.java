/**
 * The enumeration timing check: {@code finishLogin} must take as long for an unknown credential or
 * a wrong national ID as for a wrong password, compared by medians and a two-sample
 * Kolmogorov–Smirnov test ({@link tw.mobileauth.benchmarks.timing.KolmogorovSmirnov}).
 */
package tw.mobileauth.benchmarks.timing;
