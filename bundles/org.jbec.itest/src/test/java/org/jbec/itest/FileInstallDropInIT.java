package org.jbec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * A plugin bundle dropped into the deploy folder is installed and started and its component
 * activated, without restart; overwriting it updates it in place; deleting it uninstalls it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FileInstallDropInIT {

    private static final String PLUGIN = "org.jbec.beamline.demo";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() throws IOException {
        return ItestRuntime.options();
    }

    @Test
    public void droppedPluginStartsUpdatesAndLeavesLive() throws Exception {
        Path deploy = Path.of(context.getProperty(ItestRuntime.DEPLOY_PROPERTY));
        Path built = pluginJar();
        Path dropped = deploy.resolve(PLUGIN + ".jar");

        // drop in: installed, started, component active, command usable
        Files.copy(built, dropped);
        Bundle plugin = Conditions.await("the plugin bundle to be active", WITHIN, () -> bundle(PLUGIN),
                b -> b.isPresent() && b.get().getState() == Bundle.ACTIVE).orElseThrow();
        Conditions.await("the plugin's component to be active", WITHIN, this::componentState,
                s -> s == ComponentConfigurationDTO.ACTIVE);
        assertEquals("demo beamline, plugin " + PLUGIN + " " + plugin.getVersion(), callCommand());

        // overwrite with a new version: the same bundle is updated in place
        long id = plugin.getBundleId();
        Path next = Files.createTempFile(deploy.getParent(), "next-", ".jar");
        withVersion(built, next, plugin.getVersion().getMajor() + "." + plugin.getVersion().getMinor() + "."
                + plugin.getVersion().getMicro() + ".zz-updated");
        Files.move(next, dropped, StandardCopyOption.REPLACE_EXISTING);
        Conditions.await("the plugin to be updated", WITHIN, () -> bundle(PLUGIN),
                b -> b.isPresent() && b.get().getVersion().getQualifier().equals("zz-updated")
                        && b.get().getState() == Bundle.ACTIVE);
        assertEquals(id, bundle(PLUGIN).orElseThrow().getBundleId());
        Conditions.await("the updated command", WITHIN, this::callCommand, s -> s.endsWith(".zz-updated"));

        // delete: uninstalled, its command gone
        Files.delete(dropped);
        Conditions.await("the plugin to be uninstalled", WITHIN, () -> bundle(PLUGIN), Optional::isEmpty);
        assertEquals(0, commandReferences().length);
    }

    private Path pluginJar() throws IOException {
        Path target = Path.of(context.getProperty("jbec.home"), "beamline-plugins", PLUGIN, "target");
        try (Stream<Path> files = Files.list(target)) {
            Optional<Path> jar = files.filter(p -> p.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(PLUGIN) + "-.*\\.jar")).findFirst();
            assertTrue("the demo plugin is built in " + target, jar.isPresent());
            return jar.get();
        }
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private int componentState() {
        return scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.equals(PLUGIN))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .map(c -> c.state).findFirst().orElse(-1);
    }

    private ServiceReference<?>[] commandReferences() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=demo)");
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls the command as Gogo would: the service's public method named by osgi.command.function. */
    private String callCommand() {
        ServiceReference<?>[] refs = commandReferences();
        if (refs.length == 0) {
            return "(no command)";
        }
        Object command = context.getService(refs[0]);
        try {
            return (String) command.getClass().getMethod("beamline").invoke(command);
        } catch (ReflectiveOperationException e) {
            return e.toString();
        } finally {
            context.ungetService(refs[0]);
        }
    }

    /** Copies a bundle jar with another Bundle-Version: a new release of the same plugin. */
    private static void withVersion(Path source, Path target, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream file = Files.newOutputStream(target);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    copy(in, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
