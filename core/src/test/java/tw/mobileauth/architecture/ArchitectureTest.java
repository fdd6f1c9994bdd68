package tw.mobileauth.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tw.mobileauth.carrier.camara.CamaraAdapter;
import tw.mobileauth.carrier.cht.ChtAdapterFactory;
import tw.mobileauth.carrier.fet.FetAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.twm.TwmAdapterFactory;

/**
 * The dependency rules of the module map (README "Modules", docs/architecture.md), checked on
 * the compiled main classes of every module on core's test class path: core, carrier-spi,
 * carrier-camara, the three adapters and carrier-testkit. Tests are not imported
 * ({@link ImportOption.DoNotIncludeTests}): a test may reach anything it needs.
 *
 * <p>Each rule fails the build when a forbidden import is added, with ArchUnit's message naming
 * the class, the line and the dependency.
 *
 * <p>The classes are read from each module's own jar or {@code target/classes} only
 * ({@link ModuleRoots}), not by scanning the whole class path for {@code tw.mobileauth}: that
 * opens every third-party jar and costs seconds on a shared machine.
 */
@AnalyzeClasses(locations = ArchitectureTest.ModuleRoots.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages of each module other than core, by module. Core is everything else under {@code tw.mobileauth}. */
    private static final Map<String, String> MODULES = modules();

    private static final String[] CARRIER_SIDE = {
        "tw.mobileauth.carrier.spi..", "tw.mobileauth.carrier.camara..", "tw.mobileauth.carrier.cht..",
        "tw.mobileauth.carrier.twm..", "tw.mobileauth.carrier.fet..", "tw.mobileauth.carrier.testkit..",
        "tw.mobileauth.registry.spi..", "tw.mobileauth.registry.nhi.."};

    private static final String[] ADAPTERS_AND_FAKES = {
        "tw.mobileauth.carrier.camara..", "tw.mobileauth.carrier.cht..", "tw.mobileauth.carrier.twm..",
        "tw.mobileauth.carrier.fet..", "tw.mobileauth.carrier.testkit..", "tw.mobileauth.registry.nhi.."};

    /** Core: every {@code tw.mobileauth} package that no other module owns (so a new core package is covered at once). */
    private static final DescribedPredicate<JavaClass> CORE = resideInAPackage("tw.mobileauth..")
            .and(not(resideInAnyPackage(CARRIER_SIDE)))
            .and(not(resideInAPackage("tw.mobileauth.testing..")))
            .as("core (tw.mobileauth.. outside the carrier modules and testing)");

    @ArchTest
    static final ArchRule carrierModulesNeverDependOnCore = noClasses()
            .that().resideInAnyPackage(CARRIER_SIDE)
            .should().dependOnClassesThat(CORE)
            .as("the carrier SPI, carrier-camara, the adapters and the testkit never depend on core")
            .because("an adapter is written and tested against carrier-spi alone; core finds it with ServiceLoader");

    @ArchTest
    static final ArchRule coreNeverDependsOnAnAdapter = noClasses()
            .that(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS_AND_FAKES)
            .as("core never depends on an adapter, carrier-camara or the testkit, only on carrier-spi")
            .because("which carriers exist is decided by the class path, not by core's code");

    @ArchTest
    static final ArchRule identityAndEligibilityNeverDependOnTheCeremonies = noClasses()
            .that().resideInAnyPackage("tw.mobileauth.identity..", "tw.mobileauth.eligibility..")
            .should().dependOnClassesThat().resideInAnyPackage("tw.mobileauth.enrollment..", "tw.mobileauth.login..")
            .as("identity and eligibility depend on neither enrollment nor login")
            .because("policy owners use and property-test them without running a ceremony");

    @ArchTest
    static final ArchRule noModuleUsesAnotherModulesInternalPackage = classes()
            .that().resideInAPackage("tw.mobileauth..")
            .should(useOnlyTheirOwnModulesInternalPackages())
            .as("no module uses another module's *.internal package")
            .because("an internal package is not API: its module may change it in any release");

    /** Guards against a vacuous pass: every module's classes were imported. */
    @ArchTest
    static void everyModuleOnTheClassPathIsChecked(JavaClasses imported) {
        for (String module : new String[] {"core", "carrier-spi", "carrier-camara", "carrier-cht", "carrier-twm",
                "carrier-fet", "carrier-testkit"}) {
            assertTrue(imported.stream().anyMatch(c -> module(c.getPackageName()).equals(module)),
                    "no main class of " + module + " was imported; is it still on core's test class path?");
        }
    }

    /** Where each module's main classes are: the jar or directory of one class per module. */
    static final class ModuleRoots implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Stream.of(tw.mobileauth.MobileAuth.class, CarrierAdapter.class, CamaraAdapter.class,
                            ChtAdapterFactory.class, TwmAdapterFactory.class, FetAdapterFactory.class,
                            FakeCarrierNetworks.class)
                    .map(ModuleRoots::root)
                    .collect(Collectors.toSet());
        }

        private static Location root(Class<?> c) {
            try {
                Path path = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (path.toString().endsWith(".jar")) {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        return Location.of(jar);
                    }
                }
                return Location.of(path);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + c, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static ArchCondition<JavaClass> useOnlyTheirOwnModulesInternalPackages() {
        return new ArchCondition<>("use only their own module's *.internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = module(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getBaseComponentType().getPackageName();
                    if (target.startsWith("tw.mobileauth.") && isInternal(target) && !module(target).equals(from)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": " + target + " is "
                                + module(target) + "'s internal package, not API for " + from));
                    }
                }
            }
        };
    }

    private static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    /** The module that owns a package: the longest matching prefix of {@link #MODULES}, else core. */
    static String module(String packageName) {
        String owner = "core";
        int longest = -1;
        for (Map.Entry<String, String> e : MODULES.entrySet()) {
            String p = e.getKey();
            if ((packageName.equals(p) || packageName.startsWith(p + ".")) && p.length() > longest) {
                owner = e.getValue();
                longest = p.length();
            }
        }
        return owner;
    }

    private static Map<String, String> modules() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tw.mobileauth.carrier.spi", "carrier-spi");
        m.put("tw.mobileauth.carrier.camara", "carrier-camara");
        m.put("tw.mobileauth.carrier.cht", "carrier-cht");
        m.put("tw.mobileauth.carrier.twm", "carrier-twm");
        m.put("tw.mobileauth.carrier.fet", "carrier-fet");
        m.put("tw.mobileauth.carrier.testkit", "carrier-testkit");
        m.put("tw.mobileauth.registry.spi", "registry-spi");
        m.put("tw.mobileauth.registry.nhi", "registry-nhi");
        m.put("tw.mobileauth.testing", "testing");
        return m;
    }
}
