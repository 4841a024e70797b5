package org.jbec.file.writer.internal;

import java.nio.file.Path;
import java.util.Map;

import org.jbec.bus.api.Connector;
import org.jbec.service.Alarms;
import org.jbec.service.BecServices;

/** The file writer with the NeXus format on a base path, for system tests in other packages. */
public final class FileWriterHandle {

    private final FileWriterService service;

    public FileWriterHandle(Connector bus, Alarms alarms, BecServices services, Path base, long partBoundBytes) {
        service = new FileWriterService(bus, alarms, services,
                new WriterSettings(base.toString(), NexusFormat.NAME, partBoundBytes, "test"));
        service.addFormat(new NexusFormat(), Map.of(org.jbec.file.api.FileFormat.NAME, NexusFormat.NAME));
    }

    public boolean running() {
        return service.running();
    }

    public void stop() {
        service.stop();
    }
}
