using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to libpango: font descriptions and layouts (Pango 1.50 API).</summary>
internal static partial class Pango
{
    private const string Library = "libpango-1.0.so.0";

    /// <summary>Pango measures in 1/1024 of a device unit.</summary>
    public const double Scale = 1024.0;

    public const int WeightNormal = 400;
    public const int WeightBold = 700;
    public const int StyleNormal = 0;
    public const int StyleItalic = 2;
    public const int AlignLeft = 0;
    public const int AlignCenter = 1;
    public const int AlignRight = 2;
    public const int WrapWordChar = 2;
    public const int EllipsizeNone = 0;
    public const int EllipsizeEnd = 3;
    public const int AttrUnderline = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct Rectangle
    {
        public int X;
        public int Y;
        public int Width;
        public int Height;
    }

    // Font descriptions

    [LibraryImport(Library, EntryPoint = "pango_font_description_new")]
    public static partial PangoFontDescriptionHandle FontDescriptionNew();

    [LibraryImport(Library, EntryPoint = "pango_font_description_free")]
    public static partial void FontDescriptionFree(IntPtr description);

    [LibraryImport(Library, EntryPoint = "pango_font_description_set_family", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void FontDescriptionSetFamily(PangoFontDescriptionHandle description, string family);

    [LibraryImport(Library, EntryPoint = "pango_font_description_set_absolute_size")]
    public static partial void FontDescriptionSetAbsoluteSize(PangoFontDescriptionHandle description, double size);

    [LibraryImport(Library, EntryPoint = "pango_font_description_set_weight")]
    public static partial void FontDescriptionSetWeight(PangoFontDescriptionHandle description, int weight);

    [LibraryImport(Library, EntryPoint = "pango_font_description_set_style")]
    public static partial void FontDescriptionSetStyle(PangoFontDescriptionHandle description, int style);

    // Layouts

    [LibraryImport(Library, EntryPoint = "pango_layout_new")]
    public static partial PangoLayoutHandle LayoutNew(PangoContextHandle context);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void LayoutSetText(PangoLayoutHandle layout, string text, int length);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_markup", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void LayoutSetMarkup(PangoLayoutHandle layout, string markup, int length);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_font_description")]
    public static partial void LayoutSetFontDescription(PangoLayoutHandle layout, PangoFontDescriptionHandle description);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_width")]
    public static partial void LayoutSetWidth(PangoLayoutHandle layout, int width);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_height")]
    public static partial void LayoutSetHeight(PangoLayoutHandle layout, int height);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_wrap")]
    public static partial void LayoutSetWrap(PangoLayoutHandle layout, int wrap);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_ellipsize")]
    public static partial void LayoutSetEllipsize(PangoLayoutHandle layout, int ellipsize);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_alignment")]
    public static partial void LayoutSetAlignment(PangoLayoutHandle layout, int alignment);

    [LibraryImport(Library, EntryPoint = "pango_layout_set_line_spacing")]
    public static partial void LayoutSetLineSpacing(PangoLayoutHandle layout, float factor);

    [LibraryImport(Library, EntryPoint = "pango_layout_get_extents")]
    public static partial void LayoutGetExtents(PangoLayoutHandle layout, IntPtr inkRect, out Rectangle logicalRect);

    [LibraryImport(Library, EntryPoint = "pango_layout_get_line_count")]
    public static partial int LayoutGetLineCount(PangoLayoutHandle layout);

    [LibraryImport(Library, EntryPoint = "pango_layout_get_iter")]
    public static partial IntPtr LayoutGetIter(PangoLayoutHandle layout);

    [LibraryImport(Library, EntryPoint = "pango_layout_iter_get_line_yrange")]
    public static partial void LayoutIterGetLineYRange(IntPtr iter, out int y0, out int y1);

    [LibraryImport(Library, EntryPoint = "pango_layout_iter_next_line")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool LayoutIterNextLine(IntPtr iter);

    [LibraryImport(Library, EntryPoint = "pango_layout_iter_free")]
    public static partial void LayoutIterFree(IntPtr iter);

    [LibraryImport(Library, EntryPoint = "pango_layout_iter_get_line_readonly")]
    public static partial IntPtr LayoutIterGetLineReadonly(IntPtr iter);

    /// <summary>The visual x ranges (pairs, Pango units from the layout's left) of a byte range in one line; free with g_free.</summary>
    [LibraryImport(Library, EntryPoint = "pango_layout_line_get_x_ranges")]
    public static partial void LayoutLineGetXRanges(IntPtr line, int startIndex, int endIndex, out IntPtr ranges, out int count);

    // A PangoLayoutLine starts { PangoLayout *layout; int start_index; int length; ... }.
    public static int LayoutLineStart(IntPtr line) => Marshal.ReadInt32(line, IntPtr.Size);
    public static int LayoutLineLength(IntPtr line) => Marshal.ReadInt32(line, IntPtr.Size + 4);

    // Attributes (the layout's list, as parsed from markup)

    [LibraryImport(Library, EntryPoint = "pango_layout_get_attributes")]
    public static partial IntPtr LayoutGetAttributes(PangoLayoutHandle layout);

    [LibraryImport(Library, EntryPoint = "pango_attr_list_get_iterator")]
    public static partial IntPtr AttrListGetIterator(IntPtr list);

    [LibraryImport(Library, EntryPoint = "pango_attr_iterator_get")]
    public static partial IntPtr AttrIteratorGet(IntPtr iterator, int type);

    [LibraryImport(Library, EntryPoint = "pango_attr_iterator_next")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool AttrIteratorNext(IntPtr iterator);

    [LibraryImport(Library, EntryPoint = "pango_attr_iterator_destroy")]
    public static partial void AttrIteratorDestroy(IntPtr iterator);

    // A PangoAttribute starts { const PangoAttrClass *klass; guint start_index; guint end_index; }.
    public static (int Start, int End) AttributeRange(IntPtr attribute) =>
        (Marshal.ReadInt32(attribute, IntPtr.Size), Marshal.ReadInt32(attribute, IntPtr.Size + 4));
}
