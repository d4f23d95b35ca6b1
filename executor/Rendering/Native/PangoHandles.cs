using Microsoft.Win32.SafeHandles;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>Owns one reference to a PangoLayout (a GObject); released with g_object_unref.</summary>
internal sealed class PangoLayoutHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PangoLayoutHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle()
    {
        GObject.Unref(handle);
        return true;
    }
}

/// <summary>Owns a PangoFontDescription; released with pango_font_description_free.</summary>
internal sealed class PangoFontDescriptionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PangoFontDescriptionHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle()
    {
        Pango.FontDescriptionFree(handle);
        return true;
    }
}
