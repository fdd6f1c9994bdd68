package tw.mobileauth.benchmarks;

public final class Suite { private Suite() {} }
