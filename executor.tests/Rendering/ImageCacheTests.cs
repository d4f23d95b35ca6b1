using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class ImageCacheTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Solid(string name, int width, int height, string colour) => TestPng.Write(_dir.PathOf(name), width, height, colour);

    private static uint Centre(CanvasImage image) => image.ReadPixels()[image.Height / 2 * image.Width + image.Width / 2];

    [Fact]
    public void Large_images_are_scaled_to_fit_and_keep_their_colour_to_the_edges()
    {
        var path = Solid("red.png", 300, 200, "#D55E00");

        using var image = ImageCache.LoadPng(path, 100, 100);

        Assert.Equal((100, 67), (image.Width, image.Height));
        // Without a padded edge the border pixels would blend with transparency and darken.
        Assert.All(image.ReadPixels(), pixel => Assert.Equal(0xFFD55E00u, pixel));
    }

    [Fact]
    public void Small_images_keep_their_size()
    {
        using var image = ImageCache.LoadPng(Solid("small.png", 40, 30, "#FFFFFF"), 100, 100);
        Assert.Equal((40, 30), (image.Width, image.Height));
    }

    [Fact]
    public void A_rewritten_file_is_read_again_but_an_unchanged_one_is_not()
    {
        var path = Solid("chart.png", 200, 100, "#0072B2");
        var (written, length) = (File.GetLastWriteTimeUtc(path), new FileInfo(path).Length);
        using (var first = ImageCache.LoadPng(path, 50, 50))
            Assert.Equal(0xFF0072B2u, Centre(first));

        // Same length and modification time: the cached pixels are served (the file is not decoded).
        File.Delete(path);
        Solid("chart.png", 200, 100, "#0072B3");
        File.SetLastWriteTimeUtc(path, written);
        Assert.Equal(length, new FileInfo(path).Length);
        using (var cached = ImageCache.LoadPng(path, 50, 50))
            Assert.Equal(0xFF0072B2u, Centre(cached));

        // A new modification time is a new file.
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1));
        using var fresh = ImageCache.LoadPng(path, 50, 50);
        Assert.Equal(0xFF0072B3u, Centre(fresh));
    }

    [Fact]
    public void Missing_file_is_a_canvas_exception()
    {
        Assert.Throws<CanvasException>(() => ImageCache.LoadPng(_dir.PathOf("missing.png"), 10, 10));
    }
}
