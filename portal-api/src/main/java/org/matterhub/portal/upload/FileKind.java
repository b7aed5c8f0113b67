package org.matterhub.portal.upload;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The allowlisted kinds of upload: extension(s), canonical media type, the structural family that decides
 * how the content is checked, and the declared content types accepted as equivalent.
 *
 * <p>Declared types: a client may declare the canonical type, one of the listed aliases (what real browsers
 * and mail clients send, e.g. {@code application/vnd.ms-excel} for a CSV on Windows), or a generic type
 * that claims nothing ({@code application/octet-stream}, none at all). Anything else contradicts the
 * extension and is a {@link RejectionReason#TYPE_MISMATCH}.
 */
enum FileKind {
  PDF(Family.PDF, "application/pdf", Set.of("pdf"), Set.of("application/x-pdf", "application/acrobat")),
  DOC(Family.OLE, "application/msword", Set.of("doc"), Set.of("application/vnd.msword")),
  DOCX(Family.OOXML, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Set.of("docx"),
      Set.of()),
  XLS(Family.OLE, "application/vnd.ms-excel", Set.of("xls"), Set.of("application/excel", "application/x-excel",
      "application/x-msexcel")),
  XLSX(Family.OOXML, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Set.of("xlsx"),
      Set.of()),
  PPT(Family.OLE, "application/vnd.ms-powerpoint", Set.of("ppt"), Set.of("application/mspowerpoint",
      "application/x-mspowerpoint")),
  PPTX(Family.OOXML, "application/vnd.openxmlformats-officedocument.presentationml.presentation", Set.of("pptx"),
      Set.of()),
  ODT(Family.ODF, "application/vnd.oasis.opendocument.text", Set.of("odt"), Set.of()),
  ODS(Family.ODF, "application/vnd.oasis.opendocument.spreadsheet", Set.of("ods"), Set.of()),
  ODP(Family.ODF, "application/vnd.oasis.opendocument.presentation", Set.of("odp"), Set.of()),
  RTF(Family.RTF, "application/rtf", Set.of("rtf"), Set.of("text/rtf", "application/x-rtf", "text/richtext")),
  PNG(Family.IMAGE, "image/png", Set.of("png"), Set.of("image/x-png")),
  JPEG(Family.IMAGE, "image/jpeg", Set.of("jpg", "jpeg", "jpe"), Set.of("image/jpg", "image/pjpeg")),
  GIF(Family.IMAGE, "image/gif", Set.of("gif"), Set.of()),
  TIFF(Family.IMAGE, "image/tiff", Set.of("tif", "tiff"), Set.of("image/tif", "image/x-tiff")),
  HEIC(Family.IMAGE, "image/heic", Set.of("heic"), Set.of("image/heif", "image/heic-sequence")),
  WEBP(Family.IMAGE, "image/webp", Set.of("webp"), Set.of()),
  TXT(Family.TEXT, "text/plain", Set.of("txt", "text"), Set.of()),
  CSV(Family.TEXT, "text/csv", Set.of("csv"), Set.of("text/plain", "application/csv", "text/comma-separated-values",
      "text/x-csv", "application/vnd.ms-excel")),
  MD(Family.TEXT, "text/markdown", Set.of("md", "markdown"), Set.of("text/plain", "text/x-markdown")),
  EML(Family.EMAIL, "message/rfc822", Set.of("eml"), Set.of("text/plain", "application/eml")),
  MSG(Family.OLE, "application/vnd.ms-outlook", Set.of("msg"), Set.of("application/x-ole-storage",
      "application/x-msg"));

  /** How the content of a kind is verified. */
  enum Family { PDF, OLE, OOXML, ODF, RTF, IMAGE, TEXT, EMAIL }

  /** Declared types that claim nothing about the content; the sniffed type decides. */
  static final Set<String> GENERIC_DECLARED_TYPES = Set.of("application/octet-stream", "binary/octet-stream",
      "application/x-download", "application/force-download", "application/download", "application/unknown");

  private static final Map<String, FileKind> BY_EXTENSION = Arrays.stream(values())
      .flatMap(k -> k.extensions.stream().map(e -> Map.entry(e, k)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  static final Set<String> ALL_MEDIA_TYPES = Arrays.stream(values()).map(k -> k.mediaType)
      .collect(Collectors.toUnmodifiableSet());

  private static final Map<String, FileKind> BY_MEDIA_TYPE = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(k -> k.mediaType, Function.identity()));

  final Family family;
  final String mediaType;
  final Set<String> extensions;
  final Set<String> declaredAliases;

  FileKind(Family family, String mediaType, Set<String> extensions, Set<String> declaredAliases) {
    this.family = family;
    this.mediaType = mediaType;
    this.extensions = extensions;
    this.declaredAliases = declaredAliases;
  }

  static Optional<FileKind> forExtension(String extension) {
    return Optional.ofNullable(BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT)));
  }

  static Optional<FileKind> forMediaType(String mediaType) {
    return Optional.ofNullable(BY_MEDIA_TYPE.get(mediaType));
  }

  /** A short human name for client messages: "a PDF", "a Word document (.docx)". */
  String describe() {
    return switch (this) {
      case PDF -> "a PDF";
      case DOC -> "a Word 97-2003 document (.doc)";
      case DOCX -> "a Word document (.docx)";
      case XLS -> "an Excel 97-2003 workbook (.xls)";
      case XLSX -> "an Excel workbook (.xlsx)";
      case PPT -> "a PowerPoint 97-2003 presentation (.ppt)";
      case PPTX -> "a PowerPoint presentation (.pptx)";
      case ODT -> "an OpenDocument text (.odt)";
      case ODS -> "an OpenDocument spreadsheet (.ods)";
      case ODP -> "an OpenDocument presentation (.odp)";
      case RTF -> "an RTF document";
      case PNG -> "a PNG image";
      case JPEG -> "a JPEG image";
      case GIF -> "a GIF image";
      case TIFF -> "a TIFF image";
      case HEIC -> "a HEIC image";
      case WEBP -> "a WebP image";
      case TXT -> "a text file";
      case CSV -> "a CSV file";
      case MD -> "a Markdown file";
      case EML -> "an email (.eml)";
      case MSG -> "an Outlook message (.msg)";
    };
  }

  /** Whether {@code declared} (already normalised: lower case, no parameters) is acceptable for this kind. */
  boolean acceptsDeclared(String declared) {
    return declared.isEmpty() || GENERIC_DECLARED_TYPES.contains(declared) || mediaType.equals(declared)
        || declaredAliases.contains(declared);
  }

  /** Lower-cases a declared content type and drops its parameters; {@code null} becomes "". */
  static String normaliseDeclared(String declared) {
    if (declared == null) {
      return "";
    }
    int semi = declared.indexOf(';');
    String bare = semi >= 0 ? declared.substring(0, semi) : declared;
    return bare.strip().toLowerCase(Locale.ROOT);
  }
}
