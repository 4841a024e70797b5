package org.jbec.file.writer.internal;

import java.util.Map;

/**
 * The writer's settings from the servers config: base path (already resolved against the jBEC home
 * by the config publisher), format name, memory bound per large signal before it spills to part
 * files ({@code file_writer.part_mb}, default 64), and the version written into files.
 */
record WriterSettings(String basePath, String plugin, long partBoundBytes, String programVersion) {

    static WriterSettings of(Map<String, Object> properties, String version) {
        Object base = properties.get("file_writer.base_path");
        Object plugin = properties.get("file_writer.plugin");
        Object partMb = properties.get("file_writer.part_mb");
        long mb = partMb instanceof Number n ? n.longValue() : partMb != null ? Long.parseLong(partMb.toString()) : 64;
        return new WriterSettings(base == null ? "data" : base.toString(),
                plugin == null ? NexusFormat.NAME : plugin.toString(), mb * 1024 * 1024, version);
    }
}
