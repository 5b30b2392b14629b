import { Csrf, ErrorSummary, TextArea } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { MotionDetail } from '../motion-queries.js';
import { ButtonForm, formOf, type ActiveForm } from './motion-parts.js';

/** What the reader may do on a motion's page, as the route works it out from the policy and the states. */
export type MotionAbilities = {
  me: string | null;
  /** Staff of the unit. */
  manage: boolean;
  /** The chair or staff. */
  run: boolean;
  /** The assembly takes changes to its motions (notice out, not closed). */
  open: boolean;
  motionAdmitted: boolean;
  admit: boolean;
  refuse: boolean;
  recommend: boolean;
  withdraw: boolean;
  refer: boolean;
  cosign: boolean;
  amend: boolean;
  chairView: boolean;
};

/** Staff's and the chair's actions on a motion: admit, refuse with a reason, the board's recommendation, refer. */
export function MotionStaffForms({ view, m, may, active }: { view: View; m: MotionDetail; may: MotionAbilities; active: ActiveForm }): JSX.Element {
  const { t } = view;
  if (!may.admit && !may.refuse && !may.recommend && !may.refer) return '';
  const refuse = formOf(active, 'refuse');
  const recommend = formOf(active, 'recommendation');
  const rv = recommend.values as Record<string, unknown>;
  return (
    <section class="card" aria-labelledby="motion-staff">
      <h2 id="motion-staff" safe>
        {t('motion_page.staff_actions')}
      </h2>
      <div class="motion-actions">
        {may.admit ? <ButtonForm view={view} action={`/motions/${m.id}/admit`} label={t('motion_page.admit')} /> : ''}
        {may.refer ? <ButtonForm view={view} action={`/motions/${m.id}/refer`} label={t('motion_page.refer')} secondary /> : ''}
      </div>
      {may.refuse ? (
        <form method="post" action={`/motions/${m.id}/refuse`} class="form" novalidate>
          <h3 safe>{t('motion_page.refuse')}</h3>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={refuse.errors} prefix="refuse" />
          <TextArea prefix="refuse" name="reason" label={t('motion_page.refusal_reason')} hint={t('motion_page.refusal_hint')} value={(refuse.values as Record<string, unknown>).reason} errors={refuse.errors} rows={3} required />
          <button type="submit" class="button button-danger" safe>
            {t('motion_page.refuse')}
          </button>
        </form>
      ) : (
        ''
      )}
      {may.recommend ? (
        <form method="post" action={`/motions/${m.id}/recommendation`} class="form" novalidate>
          <h3 safe>{t('motion_page.recommendation')}</h3>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={recommend.errors} prefix="recommend" />
          <TextArea prefix="recommend" name="recommendation" label={t('fields.recommendation')} hint={t('motion_page.recommendation_hint')} value={rv.recommendation ?? m.boardRecommendation ?? ''} errors={recommend.errors} rows={4} />
          <button type="submit" class="button button-secondary" safe>
            {t('motion_page.save_recommendation')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
