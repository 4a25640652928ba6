/** The site-wide search box: a plain GET form to /search, so it works without JavaScript. */
export function SearchBox({ defaultValue = '', id = 'site-search' }: { defaultValue?: string; id?: string }) {
  return (
    <form method="get" action="/search" role="search" aria-label="サイト内検索" className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        募集・ソリューションを検索
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="例：観光 DX、空き家、しまね"
        maxLength={200}
        className="field-input w-48 py-1 sm:w-64"
      />
      <button type="submit" className="btn-secondary px-3 py-1">
        検索
      </button>
    </form>
  );
}
