import { useActionData, useLoaderData } from '@remix-run/react';
import { KIND_LABELS, KIND_PATHS } from '../../../domain/listings';
import type { FormFailure, newLoader } from '../../../services/listing-routes.server';
import { ListingForm } from '../listing-form';

export function ListingNewPage() {
  const data = useLoaderData<ReturnType<typeof newLoader>>();
  const failed = useActionData<FormFailure>();
  const { kind } = data;
  return (
    <div>
      <nav aria-label="パンくずリスト" className="mb-4 text-sm">
        <a href={KIND_PATHS[kind]}>{KIND_LABELS[kind]}</a> ＞ 新規作成
      </nav>
      <h1 className="page-title">{kind === 'opening' ? '起業人を募集する' : 'ソリューションを掲載する'}</h1>
      <p className="mb-8">
        {data.organisationName} として掲載します。下書き保存した内容は、公開するまで他の団体からは見えません。
      </p>
      <ListingForm kind={kind} mode="new" values={failed?.values ?? data.values} errors={failed?.errors} formError={failed?.formError} allowedTypes={data.allowedTypes} />
    </div>
  );
}
