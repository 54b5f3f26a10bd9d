/* The SHA-256 every evidence hash goes through (zhi-sha256.h): the standard's test vectors,
 * and the same digest as GLib's for data of every length fed in pieces of every size. */
#include "config.h"

#include "zhi-sha256.h"

static void
test_vectors (void)
{
  static const struct
  {
    const char *text;
    const char *hex;
  } cases[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hex = zhi_sha256_for_data (cases[i].text, strlen (cases[i].text));

      g_assert_cmpstr (hex, ==, cases[i].hex);
    }
}

static void
test_million_a (void)
{
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
  char block[1000];

  memset (block, 'a', sizeof block);
  for (guint i = 0; i < 1000; i++)
    zhi_sha256_update (sum, block, sizeof block);
  g_assert_cmpstr (zhi_sha256_get_string (sum), ==,
                   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  /* asked again, the same string */
  g_assert_cmpstr (zhi_sha256_get_string (sum), ==,
                   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void
test_same_as_glib (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261203);
  const gsize lengths[] = { 1, 55, 56, 63, 64, 65, 127, 128, 4095, 65536, 1000003 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree guint8 *data = g_malloc (lengths[i]);
      g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
      g_autofree char *expected = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autofree char *of_bytes = NULL;
      gsize done = 0;

      for (gsize k = 0; k < lengths[i]; k++)
        data[k] = (guint8)g_rand_int (rand);
      expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, lengths[i]);
      /* in pieces of uneven sizes, as a stream gives them */
      while (done < lengths[i])
        {
          gsize n = MIN (lengths[i] - done, (gsize)g_rand_int_range (rand, 1, 9000));

          zhi_sha256_update (sum, data + done, n);
          done += n;
        }
      g_assert_cmpstr (zhi_sha256_get_string (sum), ==, expected);
      bytes = g_bytes_new_static (data, lengths[i]);
      of_bytes = zhi_sha256_for_bytes (bytes);
      g_assert_cmpstr (of_bytes, ==, expected);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sha256/vectors", test_vectors);
  g_test_add_func ("/sha256/million-a", test_million_a);
  g_test_add_func ("/sha256/same-as-glib", test_same_as_glib);
  return g_test_run ();
}
