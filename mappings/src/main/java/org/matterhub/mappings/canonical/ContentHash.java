package org.matterhub.mappings.canonical;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the string forms of a record's fields, separated so that ("ab","c") differs from ("a","bc"). */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                String s = part == null ? "\u0000null" : part.toString();
                digest.update(Integer.toString(s.length()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(s.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '|');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
