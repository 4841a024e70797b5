package org.jbec.beamline.demo.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The demo beamline's own shell command. A beamline plugin brings its commands with it: they appear
 * when the plugin is dropped into deploy/ and vanish when it is removed.
 */
@Component(service = BeamlineCommands.class, immediate = true, property = {
        "osgi.command.scope=demo",
        "osgi.command.function=beamline" })
public final class BeamlineCommands {

    private final String version;

    @Activate
    public BeamlineCommands(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Descriptor("name and plugin version of the demo beamline")
    public String beamline() {
        return "demo beamline, plugin org.jbec.beamline.demo " + version;
    }
}
