using System.Buffers.Binary;
using System.Xml.Linq;
using SkiaSharp;

namespace StockpileOptimizer.Cli.Tests;

/// <summary>Opens the plots the CLI writes, as an image viewer would.</summary>
internal static class Images
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts a PNG of the stated size (signature, then IHDR width and height, big-endian) that decodes to a picture, not a blank.</summary>
    public static void AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < height; y += 3)
        {
            for (var x = 0; x < width; x += 3)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }
        Assert.True(colours.Count > 10, $"{path} looks blank: {colours.Count} colours");
    }

    /// <summary>Asserts an SVG document of the stated size; returns it for further checks.</summary>
    public static XDocument AssertSvg(string path, int width, int height)
    {
        var svg = XDocument.Load(path);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(width, Pixels(svg.Root.Attribute("width")!.Value));
        Assert.Equal(height, Pixels(svg.Root.Attribute("height")!.Value));
        return svg;
    }

    private static int Pixels(string value) => int.Parse(value.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
