using Microsoft.Win32.SafeHandles;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>Owns one reference to a GObject (a PangoLayout or PangoContext); released with g_object_unref.</summary>
internal abstract class GObjectHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        GObject.Unref(handle);
        return true;
    }
}

internal sealed class PangoLayoutHandle : GObjectHandle;

internal sealed class PangoContextHandle : GObjectHandle;

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
