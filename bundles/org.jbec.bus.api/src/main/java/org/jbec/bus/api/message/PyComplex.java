package org.jbec.bus.api.message;

import java.math.BigDecimal;

/**
 * A complex number; on the wire a {@code complex} envelope holding Python's {@code repr}, e.g.
 * {@code "(1+2j)"} or {@code "1.5j"}.
 */
public record PyComplex(double real, double imag) {

    /** Python's {@code repr(complex)}. */
    public String pythonRepr() {
        if (real == 0.0 && Math.copySign(1.0, real) > 0) {
            return pythonFloat(imag) + "j";
        }
        String im = pythonFloat(imag);
        String sign = im.startsWith("-") ? "" : "+";
        return "(" + pythonFloat(real) + sign + im + "j)";
    }

    /** Parses Python's repr of a complex number. @throws IllegalArgumentException naming the text */
    public static PyComplex parse(String repr) {
        String s = repr.strip();
        try {
            if (s.startsWith("(") && s.endsWith(")")) {
                s = s.substring(1, s.length() - 1);
            }
            if (!s.endsWith("j")) {
                return new PyComplex(parseFloat(s), 0);
            }
            s = s.substring(0, s.length() - 1);
            int split = -1;
            for (int i = s.length() - 1; i > 0; i--) {
                char c = s.charAt(i);
                if ((c == '+' || c == '-') && Character.toLowerCase(s.charAt(i - 1)) != 'e') {
                    split = i;
                    break;
                }
            }
            if (split < 0) {
                return new PyComplex(0, parseFloat(s));
            }
            return new PyComplex(parseFloat(s.substring(0, split)), parseFloat(s.substring(split)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + repr + "' is not a Python complex", e);
        }
    }

    private static double parseFloat(String s) {
        return switch (s.replace("+", "")) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** Python's repr of a float inside a complex: no ".0" on integral values, Python's exponent form. */
    static String pythonFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return Math.copySign(1.0, v) < 0 ? "-0" : "0";
        }
        double abs = Math.abs(v);
        String shortest = Double.toString(v);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
            return plain;
        }
        // scientific: Java "1.5E-7" → Python "1.5e-07"
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format(java.util.Locale.ROOT, "%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return (v < 0 ? "-" : "") + mantissa + "e" + exp;
    }
}
