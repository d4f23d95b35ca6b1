using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to the parts of libcairo the canvas uses (cairo 1.16 API).</summary>
internal static partial class Cairo
{
    private const string Library = "libcairo.so.2";

    public const int StatusSuccess = 0;
    public const int FormatArgb32 = 0;
    public const int FormatRgb24 = 1;
    public const int FilterGood = 1;
    public const int ExtendPad = 3;
    public const int PdfMetadataTitle = 0;
    public const string TagLink = "Link";
    public const string MimeTypeJpeg = "image/jpeg";

    // Contexts

    [LibraryImport(Library, EntryPoint = "cairo_create")]
    public static partial CairoContextHandle Create(CairoSurfaceHandle target);

    [LibraryImport(Library, EntryPoint = "cairo_destroy")]
    public static partial void Destroy(IntPtr cr);

    [LibraryImport(Library, EntryPoint = "cairo_status")]
    public static partial int Status(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_status_to_string")]
    public static partial IntPtr StatusToString(int status);

    [LibraryImport(Library, EntryPoint = "cairo_save")]
    public static partial void Save(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_restore")]
    public static partial void Restore(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_translate")]
    public static partial void Translate(CairoContextHandle cr, double tx, double ty);

    [LibraryImport(Library, EntryPoint = "cairo_scale")]
    public static partial void Scale(CairoContextHandle cr, double sx, double sy);

    [LibraryImport(Library, EntryPoint = "cairo_set_source_rgba")]
    public static partial void SetSourceRgba(CairoContextHandle cr, double red, double green, double blue, double alpha);

    [LibraryImport(Library, EntryPoint = "cairo_set_source_surface")]
    public static partial void SetSourceSurface(CairoContextHandle cr, CairoSurfaceHandle surface, double x, double y);

    [LibraryImport(Library, EntryPoint = "cairo_get_source")]
    public static partial IntPtr GetSource(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_pattern_set_filter")]
    public static partial void PatternSetFilter(IntPtr pattern, int filter);

    [LibraryImport(Library, EntryPoint = "cairo_pattern_set_extend")]
    public static partial void PatternSetExtend(IntPtr pattern, int extend);

    // Paths

    [LibraryImport(Library, EntryPoint = "cairo_new_path")]
    public static partial void NewPath(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_move_to")]
    public static partial void MoveTo(CairoContextHandle cr, double x, double y);

    [LibraryImport(Library, EntryPoint = "cairo_rectangle")]
    public static partial void Rectangle(CairoContextHandle cr, double x, double y, double width, double height);

    // Drawing

    [LibraryImport(Library, EntryPoint = "cairo_fill")]
    public static partial void Fill(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_clip")]
    public static partial void Clip(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_paint")]
    public static partial void Paint(CairoContextHandle cr);

    /// <summary>Starts a tagged structure (cairo 1.16): a PDF link with attributes "uri='…' rect=[x y w h …]".</summary>
    [LibraryImport(Library, EntryPoint = "cairo_tag_begin", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void TagBegin(CairoContextHandle cr, string tagName, string attributes);

    [LibraryImport(Library, EntryPoint = "cairo_tag_end", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void TagEnd(CairoContextHandle cr, string tagName);

    [LibraryImport(Library, EntryPoint = "cairo_show_page")]
    public static partial void ShowPage(CairoContextHandle cr);

    // Surfaces

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_create")]
    public static partial CairoSurfaceHandle ImageSurfaceCreate(int format, int width, int height);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_create_from_png", StringMarshalling = StringMarshalling.Utf8)]
    public static partial CairoSurfaceHandle ImageSurfaceCreateFromPng(string filename);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_width")]
    public static partial int ImageSurfaceGetWidth(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_height")]
    public static partial int ImageSurfaceGetHeight(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_stride")]
    public static partial int ImageSurfaceGetStride(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_format")]
    public static partial int ImageSurfaceGetFormat(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_data")]
    public static partial IntPtr ImageSurfaceGetData(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_pdf_surface_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial CairoSurfaceHandle PdfSurfaceCreate(string filename, double widthInPoints, double heightInPoints);

    [LibraryImport(Library, EntryPoint = "cairo_pdf_surface_set_metadata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void PdfSurfaceSetMetadata(CairoSurfaceHandle surface, int metadata, string value);

    /// <summary>
    /// Attaches encoded data to a surface for vector backends to embed instead of its pixels;
    /// cairo calls <paramref name="destroy"/> with <paramref name="closure"/> once it no longer needs the data.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "cairo_surface_set_mime_data", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SurfaceSetMimeData(CairoSurfaceHandle surface, string mimeType, IntPtr data, nuint length, IntPtr destroy, IntPtr closure);

    [LibraryImport(Library, EntryPoint = "cairo_surface_flush")]
    public static partial void SurfaceFlush(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_mark_dirty")]
    public static partial void SurfaceMarkDirty(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_finish")]
    public static partial void SurfaceFinish(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_status")]
    public static partial int SurfaceStatus(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_destroy")]
    public static partial void SurfaceDestroy(IntPtr surface);

    /// <summary>Cairo's own description of a status code, for error messages.</summary>
    public static string Describe(int status) => Marshal.PtrToStringUTF8(StatusToString(status)) ?? $"cairo status {status}";
}
