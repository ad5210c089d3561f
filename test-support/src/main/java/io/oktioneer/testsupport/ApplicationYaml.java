package io.oktioneer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * A service's own application.yml, bound the way the service binds it, for unit tests of its settings. Nothing
 * else is read: not the machine's environment, not the tests' {@code config/application.properties}.
 *
 * <p>Each {@code oktioneer.*} default has one place: the service's application.yml, or, for a shared record of
 * service-support that keeps them, the record's {@code @DefaultValue}. {@link #problems} checks both ways: every
 * component without a {@code @DefaultValue} is set in the file (a missing int or boolean would bind to 0 or
 * false without a word), and no value of the file repeats a {@code @DefaultValue}.
 */
public final class ApplicationYaml {

    private final String resource;
    private final List<PropertySource<?>> file;

    private ApplicationYaml(String resource, List<PropertySource<?>> file) {
        this.resource = resource;
        this.file = file;
    }

    /** The service's {@code application.yml} on the class path. */
    public static ApplicationYaml load() {
        return load("application.yml");
    }

    public static ApplicationYaml load(String resource) {
        try {
            return new ApplicationYaml(resource,
                    new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as the file binds it. */
    public <T> T bind(Class<T> type) {
        return bind(type, Map.of());
    }

    /** The record as the file binds it, with these properties (full names) set on top, as a test would. */
    public <T> T bind(Class<T> type, Map<String, ?> overrides) {
        // as Spring binds a @ConfigurationProperties record: its @DefaultValues when the file sets nothing under it
        return binder(overrides).bindOrCreate(prefixOf(type), Bindable.of(type));
    }

    /** The {@code @ConfigurationProperties} classes in this package and below, by name. */
    public static List<Class<?>> recordsIn(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            records.add(ClassUtils.resolveClassName(Objects.requireNonNull(candidate.getBeanClassName()),
                    ApplicationYaml.class.getClassLoader()));
        }
        records.sort(Comparator.comparing(Class::getName));
        return records;
    }

    /** What is wrong with the file for these records: a record that does not bind, a value missing or repeated. */
    public List<String> problems(List<Class<?>> records) {
        Binder binder = binder(Map.of());
        List<String> problems = new ArrayList<>();
        for (Class<?> type : records) {
            try {
                bind(type);
            } catch (RuntimeException e) {
                problems.add(prefixOf(type) + ": " + type.getSimpleName() + " does not bind from " + resource + ": "
                        + rootCause(e));
            }
            check(binder, prefixOf(type), type, problems);
        }
        return problems;
    }

    private void check(Binder binder, String name, Class<?> type, List<String> problems) {
        if (!type.isRecord()) {
            problems.add(name + ": " + type.getName() + " is not a record");
            return;
        }
        RecordComponent[] components = type.getRecordComponents();
        Parameter[] parameters = canonicalConstructor(type).getParameters();
        for (int i = 0; i < components.length; i++) {
            Class<?> componentType = components[i].getType();
            String property = name + "." + kebab(components[i].getName());
            if (componentType.isRecord() && !componentType.getName().startsWith("java.")) {
                check(binder, property, componentType, problems);
                continue;
            }
            DefaultValue recordDefault = parameters[i].getAnnotation(DefaultValue.class);
            boolean set = isSet(property);
            if (recordDefault == null && !set) {
                problems.add(property + ": not set in " + resource + " (" + type.getSimpleName()
                        + " has no default for it: the service's application.yml is the one place of its defaults)");
            } else if (recordDefault != null && set && recordDefault.value().length > 0) {
                Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(componentType);
                Object inRecord = ApplicationConversionService.getSharedInstance()
                        .convert(String.join(",", recordDefault.value()), boxed);
                Object inFile = binder.bind(property, Bindable.of(boxed)).orElse(null);
                if (Objects.equals(inRecord, inFile)) {
                    problems.add(property + ": " + resource + " repeats " + inFile + ", the @DefaultValue of "
                            + type.getSimpleName() + " (the one place of that default): leave it out");
                }
            }
        }
    }

    private boolean isSet(String property) {
        ConfigurationPropertyName wanted = ConfigurationPropertyName.of(property);
        for (PropertySource<?> source : file) {
            if (ConfigurationPropertySource.from(source) instanceof IterableConfigurationPropertySource names
                    && StreamSupport.stream(names.spliterator(), false)
                    .anyMatch(n -> wanted.equals(n) || wanted.isAncestorOf(n))) {
                return true;
            }
        }
        return false;
    }

    private Binder binder(Map<String, ?> overrides) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", new LinkedHashMap<>(overrides)));
        file.forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment);
    }

    private static String prefixOf(Class<?> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not @ConfigurationProperties");
        }
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    private static Constructor<?> canonicalConstructor(Class<?> type) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
