package org.jbec.file.writer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** An HDF5 file as h5py (Debian's python3-h5py) reads it: node path → attrs, dtype, shape, value. */
public final class H5Tree {

    private final Map<String, Map<String, Object>> nodes;

    private H5Tree(Map<String, Map<String, Object>> nodes) {
        this.nodes = nodes;
    }

    @SuppressWarnings("unchecked")
    public static H5Tree read(Path file) throws IOException, InterruptedException {
        Path script = Files.createTempFile("h5tree", ".py");
        try (var in = H5Tree.class.getResourceAsStream("/h5tree.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            Path kept = Path.of(System.getProperty("java.io.tmpdir"), "h5py-unreadable-" + file.getFileName());
            Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            throw new IOException("h5py could not read " + file + " (kept as " + kept + "): " + err);
        }
        Files.deleteIfExists(script);
        return new H5Tree(new ObjectMapper().readValue(out, Map.class));
    }

    public boolean has(String path) {
        return nodes.containsKey(path);
    }

    public Map<String, Object> node(String path) {
        Map<String, Object> n = nodes.get(path);
        if (n == null) {
            throw new AssertionError("no " + path + " in the file; it has " + nodes.keySet());
        }
        return n;
    }

    public Object attr(String path, String name) {
        return ((Map<?, ?>) node(path).get("attrs")).get(name);
    }

    public Object value(String path) {
        return node(path).get("value");
    }

    public List<?> shape(String path) {
        return (List<?>) node(path).get("shape");
    }

    public String dtype(String path) {
        return (String) node(path).get("dtype");
    }
}
