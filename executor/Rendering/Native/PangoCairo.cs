using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to libpangocairo: layouts bound to a cairo context, and drawing them.</summary>
internal static partial class PangoCairo
{
    private const string Library = "libpangocairo-1.0.so.0";

    // Every layout's context is created here, so this is the first point where fontconfig can be touched:
    // its configuration file has to be chosen before that.
    static PangoCairo() => FontConfiguration.Apply();

    [LibraryImport(Library, EntryPoint = "pango_cairo_create_context")]
    public static partial PangoContextHandle CreateContext(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "pango_cairo_show_layout")]
    public static partial void ShowLayout(CairoContextHandle cr, PangoLayoutHandle layout);
}
