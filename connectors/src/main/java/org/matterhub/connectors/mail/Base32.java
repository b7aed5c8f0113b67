package org.matterhub.connectors.mail;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 base32 in lower case, without padding: letters and the digits 2-7 only, which every mail system keeps
 * intact in an address's local part (no case sensitivity to lose, no {@code +}, {@code /}, {@code =} or {@code _}).
 */
final class Base32 {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** The bytes {@code text} encodes (either case), or {@code null} when it is not canonical base32. */
    static byte[] decode(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(lower.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < lower.length(); i++) {
            int value = ALPHABET.indexOf(lower.charAt(i));
            if (value < 0) {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            return null;
        }
        return out.toByteArray();
    }
}
