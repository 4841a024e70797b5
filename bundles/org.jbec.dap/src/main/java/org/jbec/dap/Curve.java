package org.jbec.dap;

/**
 * One signal against one axis: {@code y[i]} measured at {@code x[i]}. The arrays are not copied:
 * treat them as values.
 */
public record Curve(double[] x, double[] y) {

    public Curve {
        if (x == null || y == null) {
            throw new IllegalArgumentException("a curve needs both x and y");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
    }

    public int size() {
        return x.length;
    }
}
