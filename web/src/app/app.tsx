import { RouterProvider } from 'react-router-dom';
import { router } from './router.tsx';

/** The portal; antd's provider and theme belong to the signed-in part only (signed-in.tsx). */
export function App() {
  return <RouterProvider router={router} />;
}
