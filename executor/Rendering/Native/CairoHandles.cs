using Microsoft.Win32.SafeHandles;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>Owns one reference to a cairo_t; released with cairo_destroy.</summary>
internal sealed class CairoContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CairoContextHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle()
    {
        Cairo.Destroy(handle);
        return true;
    }
}

/// <summary>Owns one reference to a cairo_surface_t; released with cairo_surface_destroy.</summary>
internal sealed class CairoSurfaceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CairoSurfaceHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle()
    {
        Cairo.SurfaceDestroy(handle);
        return true;
    }
}
